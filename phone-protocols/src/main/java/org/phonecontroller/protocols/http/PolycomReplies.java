package org.phonecontroller.protocols.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.phonecontroller.protocols.CallState;

/**
 * Reads Poly UC Software REST API replies: {@code {"Status":"2000","data":...}}. Anything else is a
 * {@link MalformedReplyException}.
 */
final class PolycomReplies {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String SUCCESS = "2000";

    private PolycomReplies() {
    }

    /** Model, firmware and MAC of {@code /api/v1/mgmt/device/info}. */
    record DeviceInfo(String model, String firmware, String mac) {
    }

    static DeviceInfo deviceInfo(String body) {
        JsonNode data = successData(body);
        if (!data.isObject()) {
            throw new MalformedReplyException("device info without a data object: " + MalformedReplyException
                    .excerpt(body));
        }
        String model = text(data, "ModelNumber");
        if (model.isEmpty()) {
            throw new MalformedReplyException("device info without ModelNumber: " + MalformedReplyException
                    .excerpt(body));
        }
        String firmware = text(data, "FirmwareRelease");
        if (firmware.isEmpty()) {
            firmware = text(data, "UCSoftwareVersion");
        }
        return new DeviceInfo(model, firmware, text(data, "MACAddress").isEmpty() ? text(data, "MacAddress")
                : text(data, "MACAddress"));
    }

    /** The values of {@code /api/v1/mgmt/config/get}; every asked key must be there (blank allowed). */
    static Map<String, String> configValues(String body, List<String> keys) {
        JsonNode data = successData(body);
        if (!data.isObject()) {
            throw new MalformedReplyException("config values without a data object: "
                    + MalformedReplyException.excerpt(body));
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String key : keys) {
            JsonNode v = data.get(key);
            if (v == null) {
                throw new MalformedReplyException("config reply lacks '" + key + "'");
            }
            // Some firmware answers {"key": {"Value": "..."}}; take either shape.
            values.put(key, v.isObject() ? text(v, "Value") : v.isValueNode() ? v.asText() : "");
        }
        return values;
    }

    /** Checks a {@code config/set} reply. */
    static void accepted(String body) {
        successData(body);
    }

    /** Poly's "call does not exist" status, as callStatus answers an idle phone. */
    static final String NO_CALL = "4007";

    /** {@code /api/v1/webCallControl/callStatus}: a call listed in data means busy; Status 4007 means idle. */
    static CallState callState(String body) {
        JsonNode root = root(body);
        String status = text(root, "Status");
        if (status.equals(NO_CALL)) {
            return CallState.IDLE;
        }
        if (!status.equals(SUCCESS)) {
            return CallState.UNKNOWN;
        }
        JsonNode data = root.path("data");
        if (data.isMissingNode() || data.isNull() || data.isEmpty()) {
            return CallState.IDLE;
        }
        JsonNode first = data.isArray() ? data.get(0) : data;
        String state = text(first, "CallState");
        boolean idle = state.equalsIgnoreCase("idle") || state.equalsIgnoreCase("free");
        return idle && !(data.isArray() && data.size() > 1) ? CallState.IDLE : CallState.BUSY;
    }

    private static JsonNode successData(String body) {
        JsonNode root = root(body);
        String status = text(root, "Status");
        if (!status.equals(SUCCESS)) {
            throw new MalformedReplyException.ErrorStatus("the phone answered Status " + (status.isEmpty() ? "(none)" : status)
                    + ": " + MalformedReplyException.excerpt(body));
        }
        return root.path("data");
    }

    static JsonNode root(String body) {
        try {
            JsonNode root = JSON.readTree(body);
            if (root == null || !root.isObject()) {
                throw new MalformedReplyException("not a JSON object: " + MalformedReplyException.excerpt(body));
            }
            return root;
        } catch (JsonProcessingException | RuntimeException e) {
            if (e instanceof MalformedReplyException m) {
                throw m;
            }
            throw new MalformedReplyException("not JSON: " + MalformedReplyException.excerpt(body), e);
        }
    }

    static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || !v.isValueNode() || v.isNull() ? "" : v.asText().strip();
    }
}
