hs = {status = "Progressing", message = "Waiting for the OpenModel operator"}
if obj.status == nil or obj.status.conditions == nil then
  return hs
end
if obj.status.observedGeneration ~= nil and obj.metadata.generation ~= nil
    and obj.status.observedGeneration < obj.metadata.generation then
  hs.message = "Waiting for the operator to observe generation " .. obj.metadata.generation
  return hs
end
for _, condition in ipairs(obj.status.conditions) do
  if condition.type == "Ready" then
    hs.message = condition.message or ""
    if condition.status == "True" then
      hs.status = "Healthy"
    elseif condition.reason == "PolicyViolation" or condition.reason == "NameConflict" or condition.reason == "ReconcileError"
        or condition.reason == "ContainerFailing" then
      hs.status = "Degraded"
    elseif condition.reason == "ScaledToZero" then
      hs.status = "Suspended"
    else
      hs.status = "Progressing"
    end
    return hs
  end
end
return hs
