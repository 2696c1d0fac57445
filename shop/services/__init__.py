"""Every write the shop makes. Views, admin, commands and tasks call these."""
