"""The pledges area: the pledge register, the application form, the clerk's actions, findings."""
