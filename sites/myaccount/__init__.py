"""MyAccount: the customer's self-care area, after a CUSTOM LOGIN login."""
