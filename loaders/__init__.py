"""Inputs to triples: report files and rosters become one named graph each, every fact with its evidence."""
