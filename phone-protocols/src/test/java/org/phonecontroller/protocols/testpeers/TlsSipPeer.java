package org.phonecontroller.protocols.testpeers;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.TrustManagerFactory;

import org.phonecontroller.protocols.sip.SipEncoder;
import org.phonecontroller.protocols.sip.SipParser;
import org.phonecontroller.protocols.sip.SipRequest;
import org.phonecontroller.protocols.sip.SipResponses;
import org.phonecontroller.protocols.sip.StreamFrame;

/**
 * A SIP-over-TLS server for tests that answers every request with 200, with a fresh self-signed certificate made
 * by the JDK's keytool. {@link #clientContext()} trusts exactly that certificate.
 */
public final class TlsSipPeer implements AutoCloseable {

    private static final char[] PASSWORD = "test-only".toCharArray();

    private final SSLServerSocket server;
    private final KeyStore keyStore;
    private final Thread loop;

    public TlsSipPeer(InetAddress address, int port) throws Exception {
        keyStore = selfSigned(address);
        var kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keyStore, PASSWORD);
        var ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        server = (SSLServerSocket) ctx.getServerSocketFactory().createServerSocket(port, 50, address);
        loop = Thread.ofVirtual().start(this::acceptLoop);
    }

    /** An SSLContext that trusts this peer's certificate only. */
    public SSLContext clientContext() throws Exception {
        var tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(keyStore);
        var ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                Thread.ofVirtual().start(() -> serve(s));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private static void serve(Socket socket) {
        var parser = new SipParser();
        try (socket; InputStream in = socket.getInputStream()) {
            ByteBuffer buf = ByteBuffer.allocate(65536);
            byte[] chunk = new byte[4096];
            int n;
            while ((n = in.read(chunk)) > 0) {
                buf.put(chunk, 0, n);
                buf.flip();
                while (parser.frame(buf) instanceof StreamFrame.Message m) {
                    buf.position(buf.position() + m.consumed());
                    socket.getOutputStream().write(SipEncoder.encode(
                            SipResponses.reply((SipRequest) m.message(), 200, "tls")));
                }
                buf.compact();
            }
        } catch (Exception e) {
            // the client went away or the handshake failed: nothing to answer
        }
    }

    private static KeyStore selfSigned(InetAddress address) throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "peers", "tls"));
        Path store = Files.createTempFile(dir, "peer", ".p12");
        Files.delete(store);
        String keytool = ProcessHandle.current().info().command()
                .map(java -> Path.of(java).resolveSibling("keytool").toString()).orElse("keytool");
        var command = new String[] {keytool, "-genkeypair", "-alias", "peer", "-keyalg", "EC", "-groupname",
            "secp256r1", "-dname", "CN=test-peer", "-validity", "2", "-storetype", "PKCS12", "-keystore",
            store.toString(), "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD), "-ext",
            "SAN=ip:" + address.getHostAddress()};
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + Arrays.toString(command) + "\n" + output);
        }
        var ks = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(store)) {
            ks.load(in, PASSWORD);
        }
        return ks;
    }

    @Override
    public void close() throws IOException {
        server.close();
        try {
            loop.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
