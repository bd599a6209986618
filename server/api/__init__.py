"""Transport: thin gRPC servicers (decode, authorise, call the domain, encode),
the interceptors, and the one place where domain errors become gRPC status
codes and documented HTTP bodies."""
