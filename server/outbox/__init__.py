"""Background outbox workers of `pitboss serve`: the polling base, gateway mail, VIP operator callbacks."""
