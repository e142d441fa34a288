"""The office's working calendar: working days, public holidays, make-up days, service levels."""
