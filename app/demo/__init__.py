"""Demo data for `make run`: real patents from data/, demo accounts, declarations, licences, pools."""
