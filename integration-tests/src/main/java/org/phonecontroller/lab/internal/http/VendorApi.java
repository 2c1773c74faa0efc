package org.phonecontroller.lab.internal.http;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import org.phonecontroller.lab.internal.SimulatedPhone;

/** One vendor's web API on a phone. */
interface VendorApi {
    /** Answers one request to {@code phone}; {@code body} is the whole request body. */
    void handle(HttpExchange exchange, SimulatedPhone phone, byte[] body) throws IOException;
}
