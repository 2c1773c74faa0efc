package org.phonecontroller.daemon.notify;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;

/**
 * POSTs the event's JSON ({@code Content-Type: application/json}), with {@code Authorization: Bearer} when the
 * credentials entry has a {@code token}. A 2xx answer is success; a timeout, a refused connection, 408, 429 and 5xx
 * are retried; other answers are not.
 */
final class WebhookDelivery implements Delivery {
    private final URI url;
    private final Optional<String> token;
    private final String shown;
    private HttpClient client;

    WebhookDelivery(URI url, Optional<String> token) {
        this.url = url;
        this.token = token;
        this.shown = new org.phonecontroller.config.NotifyReceiver.Webhook(url).describe();
    }

    @Override
    public void send(Notification n, Duration timeout) throws DeliveryFailed, InterruptedException {
        if (client == null) {
            client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER)
                    .build();
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(timeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", "PhoneController")
                .POST(HttpRequest.BodyPublishers.ofString(n.json()));
        token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
        HttpResponse<Void> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.discarding());
        } catch (HttpTimeoutException e) {
            throw new DeliveryFailed(shown + " did not answer within " + timeout.toMillis() + " ms", true, e);
        } catch (IOException e) {
            throw new DeliveryFailed(shown + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()), true, e);
        }
        int status = response.statusCode();
        if (status / 100 != 2) {
            boolean retryable = status == 408 || status == 429 || status >= 500;
            throw new DeliveryFailed(shown + " answered HTTP " + status, retryable);
        }
    }

    @Override
    public void close() {
        if (client != null) {
            client.close();
        }
    }
}
