"""The import wizard: a households list (CSV, XLSX, XLS) read, mapped, checked, then imported with a report."""
