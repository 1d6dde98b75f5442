"""Plan version 2: find or create user pools, app clients, identity pools and roles, in the order
AWS forces (user pool, client, identity pool, role, SetIdentityPoolRoles); record each creation as
it happens; roll a run back."""
