"""ipdesk: IP pledge registration and collateral disposal workstation."""

__version__ = "0.1.0"
APP_NAME = "ipdesk"
ORG_NAME = "ipdesk"
