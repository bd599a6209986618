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

-- Request headers dropped here, so that the call is answered exactly as
-- without them:
-- - gRPC's own control headers (grpc-timeout, grpc-encoding, ...) belong to
--   the hop between Envoy and the server, and the helper headers are the
--   server's answer channel;
-- - a name HTTP allows but gRPC metadata does not (gRPC keys are
--   [0-9a-z_.-]; HTTP also allows !#$%&'*+^`|~), which the gRPC server
--   would refuse with INTERNAL "Illegal header key";
-- - a name ending in "-bin": gRPC reads its value as base64 binary metadata
--   and refuses the call when it is not. No partner API defines one.
-- Pseudo-headers (":path", ...) are Envoy's own and are kept.
local function dropped(name)
  local first = string.byte(name, 1)
  if first == 58 then -- ":"
    return false
  end
  if string.find(name, "[^0-9a-z_%.%-]") then
    return true
  end
  -- (a substring is made only when the first or the fourth-last byte fits)
  if first == 103 and string.sub(name, 1, 5) == "grpc-" then -- "g"
    return true
  end
  if first == 120 and string.sub(name, 1, 10) == "x-pitboss-" then -- "x"
    return true
  end
  return string.byte(name, -4) == 45 and string.sub(name, -4) == "-bin" -- "-"
end

function envoy_on_request(handle)
  local headers = handle:headers()
  -- get() joins repeated headers with ",": any gRPC content type counts.
  local ct = string.lower(headers:get("content-type") or "")
  if string.find(ct, "application/grpc", 1, true) then
    -- The public listener serves the partner JSON routes only; gRPC callers
    -- (every service, reflection, health) use the gRPC port. Envoy answers
    -- a gRPC request's local reply as gRPC (UNIMPLEMENTED); flagged so that
    -- envoy_on_response keeps it.
    handle:streamInfo():dynamicMetadata():set("pitboss.edge", "native_grpc", "1")
    handle:respond({[":status"] = "404"}, "gRPC is not served on this port")
    return
  end
  local drop = {}
  for name, _ in pairs(headers) do
    if dropped(name) then
      drop[#drop + 1] = name
    end
  end
  for _, name in ipairs(drop) do
    headers:remove(name)
  end
  -- Every answer echoes the caller's X-Correlation-ID when it is printable
  -- ASCII of at most 256 characters (anything else is not repeated back).
  local cid = headers:get("x-correlation-id")
  if cid ~= nil and #cid <= 256 and not string.find(cid, "[^\32-\126]") then
    handle:streamInfo():dynamicMetadata():set("pitboss.edge", "correlation_id", cid)
  end
end

function envoy_on_response(handle)
  local headers = handle:headers()
  local md = handle:streamInfo():dynamicMetadata():get("pitboss.edge")
  if md ~= nil and md["native_grpc"] == "1" then
    if handle:streamInfo():protocol() ~= "HTTP/2" then
      -- No gRPC over HTTP/1.x: an HTTP client that only claimed to be one
      -- gets a plain 415, not gRPC's trailers-only HTTP 200.
      headers:replace(":status", "415")
      headers:remove("grpc-status")
      headers:remove("grpc-message")
      headers:replace("content-type", "text/plain")
    end
    return
  end
  local status = headers:get("x-pitboss-http-status")
  local body = headers:get("x-pitboss-http-body")
  for _, name in ipairs(STRIP) do
    headers:remove(name)
  end
  if md ~= nil and md["correlation_id"] ~= nil then
    headers:replace("x-correlation-id", md["correlation_id"])
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
