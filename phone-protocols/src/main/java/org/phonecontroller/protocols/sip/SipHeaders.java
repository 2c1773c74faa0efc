package org.phonecontroller.protocols.sip;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The header fields of a message, in order, multi-valued, looked up by name in any case and in compact or long
 * form. Immutable: {@link #with} and {@link #without} return new instances.
 */
public record SipHeaders(List<SipHeader> fields) {

    private static final SipHeaders EMPTY = new SipHeaders(List.of());

    public SipHeaders {
        fields = List.copyOf(Objects.requireNonNull(fields, "fields"));
    }

    public static SipHeaders empty() {
        return EMPTY;
    }

    /** Alternating names and values: {@code of("Via", "...", "Call-ID", "...")}. */
    public static SipHeaders of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values must come in pairs");
        }
        var list = new ArrayList<SipHeader>(namesAndValues.length / 2);
        for (int i = 0; i < namesAndValues.length; i += 2) {
            list.add(new SipHeader(namesAndValues[i], namesAndValues[i + 1]));
        }
        return new SipHeaders(list);
    }

    /** The value of the first field with this name. */
    public Optional<String> first(String name) {
        for (SipHeader h : fields) {
            if (h.is(name)) {
                return Optional.of(h.value());
            }
        }
        return Optional.empty();
    }

    /** The values of every field line with this name, in order, as received (not split at commas). */
    public List<String> all(String name) {
        var out = new ArrayList<String>();
        for (SipHeader h : fields) {
            if (h.is(name)) {
                out.add(h.value());
            }
        }
        return List.copyOf(out);
    }

    /**
     * The values of a list header ({@code Via}, {@code Contact}, {@code Route}, {@code Allow}, ...): every field line
     * with this name, each split at the commas that separate list elements (not inside quotes or angle brackets).
     */
    public List<String> values(String name) {
        var out = new ArrayList<String>();
        for (SipHeader h : fields) {
            if (h.is(name)) {
                out.addAll(HeaderValues.splitList(h.value()));
            }
        }
        return List.copyOf(out);
    }

    public boolean contains(String name) {
        return first(name).isPresent();
    }

    /** These fields plus one at the end. */
    public SipHeaders with(String name, String value) {
        var list = new ArrayList<SipHeader>(fields.size() + 1);
        list.addAll(fields);
        list.add(new SipHeader(name, value));
        return new SipHeaders(list);
    }

    /** These fields with every field of that name removed and one of that name appended. */
    public SipHeaders replacing(String name, String value) {
        return without(name).with(name, value);
    }

    /** These fields without any field of that name. */
    public SipHeaders without(String name) {
        var list = new ArrayList<SipHeader>(fields.size());
        for (SipHeader h : fields) {
            if (!h.is(name)) {
                list.add(h);
            }
        }
        return new SipHeaders(list);
    }

    public int size() {
        return fields.size();
    }
}
