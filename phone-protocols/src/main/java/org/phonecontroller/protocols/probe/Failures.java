package org.phonecontroller.protocols.probe;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

import org.phonecontroller.protocols.FailureReason;
import org.phonecontroller.protocols.ProbeResult;

/** Maps I/O failures to probe outcomes: what the exception means, said once. */
final class Failures {

    private Failures() {
    }

    static ProbeResult.Down down(String what, Throwable failure) {
        Throwable t = unwrap(failure);
        return new ProbeResult.Down(reason(t), what + ": " + describe(t));
    }

    static FailureReason reason(Throwable t) {
        t = unwrap(t);
        if (t instanceof PortUnreachableException || t instanceof ConnectException
                && !(t instanceof HttpConnectTimeoutException)) {
            return FailureReason.REFUSED;
        }
        if (t instanceof SocketTimeoutException || t instanceof TimeoutException
                || t instanceof HttpTimeoutException) {
            return FailureReason.TIMEOUT;
        }
        if (t instanceof IOException io && io.getMessage() != null
                && io.getMessage().toLowerCase(java.util.Locale.ROOT).contains("connection reset")) {
            return FailureReason.REFUSED;
        }
        if (t instanceof NoRouteToHostException || t instanceof UnknownHostException || t instanceof IOException) {
            return FailureReason.UNREACHABLE;
        }
        return FailureReason.UNREACHABLE;
    }

    static String describe(Throwable t) {
        String m = t.getMessage();
        return t.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : " (" + m + ")");
    }

    static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
