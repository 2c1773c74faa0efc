package org.phonecontroller.protocols.http;

import java.util.List;

/**
 * A phone's reply: status, its authentication challenges (the {@code WWW-Authenticate} values, in order: the one
 * header anything reads), and the body as text (decoded with the charset of its {@code Content-Type}, UTF-8 if none;
 * empty when there is none).
 */
record PhoneReply(int status, List<String> challenges, String body) {

    PhoneReply {
        challenges = List.copyOf(challenges);
        body = body == null ? "" : body;
    }
}
