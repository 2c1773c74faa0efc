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
        if (tlsFailure(t)) {
            return tls(what, t);
        }
        return new ProbeResult.Down(reason(t), what + ": " + describe(t));
    }

    /**
     * A failed TLS handshake, on one line: CERTIFICATE_MISMATCH when the certificate was not trusted (with what was
     * wrong with it, from the innermost cause), UNREACHABLE for other TLS failures.
     */
    static ProbeResult.Down tls(String what, Throwable failure) {
        Throwable t = unwrap(failure);
        Throwable innermost = t;
        while (innermost.getCause() != null && innermost.getCause() != innermost) {
            innermost = innermost.getCause();
        }
        String why = innermost.getMessage() == null ? innermost.getClass().getSimpleName() : innermost.getMessage();
        if (hasCertificateProblem(t)) {
            return new ProbeResult.Down(FailureReason.CERTIFICATE_MISMATCH, what + ": TLS certificate not trusted: "
                    + oneLine(why));
        }
        return new ProbeResult.Down(FailureReason.UNREACHABLE, what + ": TLS handshake failed: " + oneLine(why));
    }

    static boolean tlsFailure(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof javax.net.ssl.SSLException) {
                return true;
            }
        }
        return false;
    }

    static boolean hasCertificateProblem(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof java.security.cert.CertificateException
                    || c instanceof javax.net.ssl.SSLPeerUnverifiedException
                    || c instanceof java.security.cert.CertPathValidatorException) {
                return true;
            }
        }
        return false;
    }

    private static String oneLine(String text) {
        String line = text.replaceAll("\\s+", " ").strip();
        return line.length() > 300 ? line.substring(0, 297) + "..." : line;
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
