"""The `fazhi` command line and the Streamlit front end (thin layers over graph/, queries/, loaders/)."""
