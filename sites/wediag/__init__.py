"""WeDiag: diagnostic trees."""
