"""Streamlit dashboard over the marts (`make dashboard`; see app.py)."""
