"""SaaS retention analytics: raw data contract, synthetic data generator and helpers."""
