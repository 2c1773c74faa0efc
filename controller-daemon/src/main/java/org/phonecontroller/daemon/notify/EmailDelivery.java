package org.phonecontroller.daemon.notify;

import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;
import java.util.Optional;
import java.util.Properties;
import org.phonecontroller.config.HttpCredentials;
import org.phonecontroller.config.NotifyReceiver;
import org.phonecontroller.config.NotifyReceiver.MailSecurity;

/**
 * One mail per event through Jakarta Mail (Eclipse Angus): plain SMTP, STARTTLS (required, not opportunistic, when
 * configured) or TLS from the first byte, with the login of the credentials entry's {@code smtp}. The subject says
 * what happened to what; the body adds when and why. Connection problems and transient (4xx) answers are retried;
 * a refused login or refused addresses are not.
 */
final class EmailDelivery implements Delivery {
    private final NotifyReceiver.Email email;
    private final Optional<HttpCredentials> login;

    EmailDelivery(NotifyReceiver.Email email, Optional<HttpCredentials> login) {
        this.email = email;
        this.login = login;
    }

    static String subject(Notification n) {
        return "[PhoneController] " + n.headline();
    }

    @Override
    public void send(Notification n, Duration timeout) throws DeliveryFailed {
        Session session = Session.getInstance(properties(timeout));
        try {
            MimeMessage message = new MimeMessage(session);
            message.setFrom(new InternetAddress(email.from(), true));
            Address[] to = new Address[email.to().size()];
            for (int i = 0; i < to.length; i++) {
                to[i] = new InternetAddress(email.to().get(i), true);
            }
            message.setRecipients(Message.RecipientType.TO, to);
            message.setSubject(subject(n), StandardCharsets.UTF_8.name());
            message.setSentDate(Date.from(n.event().ts()));
            message.setText(n.text(), StandardCharsets.UTF_8.name());
            message.setHeader("X-PhoneController-Kind", n.event().kind().name());
            if (login.isPresent()) {
                Transport.send(message, login.get().user(), login.get().password());
            } else {
                Transport.send(message);
            }
        } catch (AddressException e) {
            throw new DeliveryFailed(describe() + ": bad address: " + e.getMessage(), false, e);
        } catch (AuthenticationFailedException e) {
            throw new DeliveryFailed(describe() + ": the server refused the login of user "
                    + login.map(HttpCredentials::user).orElse("(none)"), false, e);
        } catch (SendFailedException e) {
            throw new DeliveryFailed(describe() + ": refused: " + oneLine(e), false, e);
        } catch (MessagingException e) {
            throw new DeliveryFailed(describe() + ": " + oneLine(e), true, e);
        }
    }

    private String describe() {
        return email.describe();
    }

    private static String oneLine(MessagingException e) {
        StringBuilder s = new StringBuilder(String.valueOf(e.getMessage()).strip());
        for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            s.append(" (").append(c.getClass().getSimpleName()).append(c.getMessage() == null ? "" : ": "
                    + c.getMessage().strip()).append(")");
        }
        return s.toString().replaceAll("\\s+", " ");
    }

    private Properties properties(Duration timeout) {
        Properties p = new Properties();
        boolean tls = email.security() == MailSecurity.TLS;
        String protocol = tls ? "smtps" : "smtp";
        p.put("mail.transport.protocol", protocol);
        String prefix = "mail." + protocol + ".";
        p.put(prefix + "host", email.host());
        p.put(prefix + "port", String.valueOf(email.port()));
        String millis = String.valueOf(timeout.toMillis());
        p.put(prefix + "connectiontimeout", millis);
        p.put(prefix + "timeout", millis);
        p.put(prefix + "writetimeout", millis);
        p.put(prefix + "auth", String.valueOf(login.isPresent()));
        if (email.security() == MailSecurity.STARTTLS) {
            p.put(prefix + "starttls.enable", "true");
            p.put(prefix + "starttls.required", "true");
        }
        if (email.security() != MailSecurity.NONE) {
            p.put(prefix + "ssl.checkserveridentity", "true");
        }
        return p;
    }
}
