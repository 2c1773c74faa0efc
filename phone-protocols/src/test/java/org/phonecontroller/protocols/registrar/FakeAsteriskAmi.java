package org.phonecontroller.protocols.registrar;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A fake Asterisk Manager Interface (Asterisk is not in Debian 12), written from Asterisk's documentation:
 * <ul>
 *   <li>"Asterisk Manager Interface (AMI)" / AMI v2 specification: the banner {@code Asterisk Call Manager/…}, CRLF
 *       lines, messages ended by an empty line, {@code ActionID} echoed in every answer;</li>
 *   <li>AMI action {@code Login} (Username, Secret, Events): {@code Response: Success / Message: Authentication
 *       accepted}, or {@code Response: Error / Message: Authentication failed};</li>
 *   <li>AMI action {@code PJSIPShowContacts} (Asterisk 16+,
 *       https://docs.asterisk.org/Asterisk_20_Documentation/API_Documentation/AMI_Actions/PJSIPShowContacts):
 *       {@code Response: Success} with {@code EventList: start}, one {@code ContactList} event per contact
 *       (https://docs.asterisk.org/Asterisk_20_Documentation/API_Documentation/AMI_Events/ContactList: ObjectType,
 *       ObjectName, ViaAddr, ViaPort, Uri, UserAgent, ExpirationTime, Status, RoundtripUsec, Endpoint, …), then
 *       {@code ContactListComplete} with {@code EventList: Complete} and {@code ListItems};</li>
 *   <li>AMI action {@code Logoff}: {@code Response: Goodbye}.</li>
 * </ul>
 * Can be told to stop answering (hung) after the banner, and to send an unsolicited event in between.
 */
final class FakeAsteriskAmi implements AutoCloseable {

    /** A contact as the fake lists it. */
    record Contact(String endpoint, String uri, String viaAddr, String userAgent, long expirationTime) {
    }

    private final ServerSocket server;
    private final String user;
    private final String secret;
    private final List<Contact> contacts = new CopyOnWriteArrayList<>();
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private volatile boolean hung;
    final List<String> actionsSeen = new CopyOnWriteArrayList<>();

    FakeAsteriskAmi(InetAddress ip, String user, String secret) throws IOException {
        this.server = new ServerSocket(0, 50, ip);
        this.user = user;
        this.secret = secret;
        threads.submit(this::acceptLoop);
    }

    int port() {
        return server.getLocalPort();
    }

    void add(Contact contact) {
        contacts.add(contact);
    }

    void hang() {
        hung = true;
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                threads.submit(() -> serve(s));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            OutputStream out = socket.getOutputStream();
            var in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            write(out, "Asterisk Call Manager/9.0.0\r\n");
            boolean loggedIn = false;
            while (true) {
                Map<String, String> action = read(in);
                if (action == null) {
                    return;
                }
                if (hung) {
                    continue;
                }
                String name = action.getOrDefault("action", "");
                actionsSeen.add(name);
                String id = action.getOrDefault("actionid", "");
                switch (name.toLowerCase(Locale.ROOT)) {
                    case "login" -> {
                        loggedIn = user.equals(action.get("username")) && secret.equals(action.get("secret"));
                        write(out, loggedIn
                                ? "Response: Success\r\nActionID: " + id + "\r\nMessage: Authentication accepted\r\n\r\n"
                                : "Response: Error\r\nActionID: " + id + "\r\nMessage: Authentication failed\r\n\r\n");
                        if (!loggedIn) {
                            return; // Asterisk closes the session after a failed login
                        }
                    }
                    case "pjsipshowcontacts" -> {
                        if (!loggedIn) {
                            write(out, "Response: Error\r\nActionID: " + id + "\r\nMessage: Permission denied\r\n\r\n");
                            continue;
                        }
                        write(out, "Response: Success\r\nActionID: " + id + "\r\nEventList: start\r\n"
                                + "Message: A listing of Contacts follows, presented as ContactList events\r\n\r\n");
                        write(out, "Event: FullyBooted\r\nPrivilege: system,all\r\nStatus: Fully Booted\r\n\r\n");
                        for (Contact c : contacts) {
                            write(out, "Event: ContactList\r\nActionID: " + id + "\r\nObjectType: contact\r\n"
                                    + "ObjectName: " + c.endpoint() + "@@a1b2c3\r\nViaAddr: " + c.viaAddr()
                                    + "\r\nViaPort: 5060\r\nQualifyTimeout: 3.000000\r\nCallId: 1-2-3\r\n"
                                    + "RegServer: \r\nPruneOnBoot: no\r\nPath: \r\nEndpoint: " + c.endpoint()
                                    + "\r\nAuthenticateQualify: false\r\nUri: " + c.uri() + "\r\nQualifyFrequency: 0"
                                    + "\r\nUserAgent: " + c.userAgent() + "\r\nExpirationTime: " + c.expirationTime()
                                    + "\r\nOutboundProxy: \r\nStatus: NonQualified\r\nRoundtripUsec: N/A\r\n\r\n");
                        }
                        write(out, "Event: ContactListComplete\r\nActionID: " + id + "\r\nEventList: Complete\r\n"
                                + "ListItems: " + contacts.size() + "\r\n\r\n");
                    }
                    case "logoff" -> {
                        write(out, "Response: Goodbye\r\nActionID: " + id + "\r\nMessage: Thanks for all the fish."
                                + "\r\n\r\n");
                        return;
                    }
                    default -> write(out, "Response: Error\r\nActionID: " + id + "\r\nMessage: Invalid/unknown "
                            + "command\r\n\r\n");
                }
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    private static Map<String, String> read(BufferedReader in) throws IOException {
        Map<String, String> fields = new LinkedHashMap<>();
        String line;
        while ((line = in.readLine()) != null) {
            if (line.isEmpty()) {
                if (!fields.isEmpty()) {
                    return fields;
                }
                continue;
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                fields.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
            }
        }
        return null;
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
        threads.shutdownNow();
    }
}
