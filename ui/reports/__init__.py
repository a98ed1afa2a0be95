"""Reports: what an association did over an event or a period, for its funders (totals, charts, PDF and Excel)."""
