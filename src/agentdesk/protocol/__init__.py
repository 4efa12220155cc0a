"""Wire schemas shared by the client and the server (pydantic), op types, API version."""

API_VERSION = 1
