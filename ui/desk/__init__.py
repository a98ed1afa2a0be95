"""The desk: find a family, serve it, print its receipt, void a serving."""
