-- Pitboss edge filter. Runs before the gRPC-JSON transcoder in the filter
-- chain, so on the way back it sees the transcoded HTTP response.
--
-- The server may ask for a documented HTTP status and body with two response
-- headers (gRPC metadata): x-pitboss-http-status and x-pitboss-http-body
-- (exact JSON; an empty value means "no body", e.g. for 204). This filter
-- applies them, then strips every gRPC and helper header so that HTTP clients
-- see only the documented answer.

local STRIP = {
  "grpc-status", "grpc-message", "grpc-accept-encoding", "grpc-encoding",
  "grpc-status-details-bin", "x-pitboss-http-status", "x-pitboss-http-body",
  "x-envoy-upstream-service-time",
}

-- Native gRPC callers may also come through the HTTP port: their responses
-- pass untouched (they need grpc-status and trailers).
function envoy_on_request(handle)
  local ct = handle:headers():get("content-type") or ""
  if string.sub(ct, 1, 16) == "application/grpc" then
    handle:streamInfo():dynamicMetadata():set("pitboss.edge", "native_grpc", "1")
  end
end

function envoy_on_response(handle)
  local md = handle:streamInfo():dynamicMetadata():get("pitboss.edge")
  if md ~= nil and md["native_grpc"] == "1" then
    return
  end
  local headers = handle:headers()
  local status = headers:get("x-pitboss-http-status")
  local body = headers:get("x-pitboss-http-body")
  for _, name in ipairs(STRIP) do
    headers:remove(name)
  end
  if status ~= nil then
    headers:replace(":status", status)
  end
  if body == nil then
    return
  end
  -- Header edits must all happen before the body is read.
  if body == "" then
    headers:remove("content-type")
  else
    headers:replace("content-type", "application/json")
  end
  handle:body(true):setBytes(body)
end
