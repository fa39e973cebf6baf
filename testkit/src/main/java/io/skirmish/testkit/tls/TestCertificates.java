package io.skirmish.testkit.tls;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed TLS certificate for {@code localhost} / {@code 127.0.0.1} and its private key, as
 * the PEM files the servers' {@code --tls-cert} and {@code --tls-key} read and the clients trust.
 * Made by the JDK's own {@code keytool} (EC P-256, valid two days), so tests need nothing but the
 * JDK that runs them; the key is then written as PKCS#8 PEM from the keystore.
 *
 * @param certificate PEM certificate (also the trust anchor clients are given)
 * @param privateKey  PEM PKCS#8 private key
 */
public record TestCertificates(Path certificate, Path privateKey) {

    private static final String PASSWORD = "test-only";

    /** Writes {@code server.crt.pem} and {@code server.key.pem} into {@code directory}. */
    public static TestCertificates create(Path directory) throws IOException, InterruptedException {
        Files.createDirectories(directory);
        Path store = directory.resolve("server.p12");
        Files.deleteIfExists(store);
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(List.of(keytool.toString(), "-genkeypair", "-alias", "server",
                "-keyalg", "EC", "-groupname", "secp256r1", "-sigalg", "SHA256withECDSA", "-dname", "CN=localhost",
                "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", store.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD))
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IOException("keytool failed: " + output);
        }
        try (InputStream in = Files.newInputStream(store)) {
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(in, PASSWORD.toCharArray());
            PrivateKey key = (PrivateKey) keyStore.getKey("server", PASSWORD.toCharArray());
            Certificate certificate = keyStore.getCertificate("server");
            Path certFile = directory.resolve("server.crt.pem");
            Path keyFile = directory.resolve("server.key.pem");
            Files.writeString(certFile, pem("CERTIFICATE", certificate.getEncoded()));
            Files.writeString(keyFile, pem("PRIVATE KEY", key.getEncoded()));
            return new TestCertificates(certFile, keyFile);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot read the keystore keytool wrote", e);
        }
    }

    /**
     * A TLS socket to {@code host:port} that trusts only this certificate and checks the host name
     * (as HTTPS does), handshake done; {@code getSession().getProtocol()} says what was negotiated.
     */
    public SSLSocket connect(String host, int port) throws IOException {
        try (InputStream in = Files.newInputStream(certificate)) {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            trust.setCertificateEntry("server", CertificateFactory.getInstance("X.509").generateCertificate(in));
            TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trustManagers.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trustManagers.getTrustManagers(), null);
            // No Nagle: a TLS record and the request behind it go out at once, as the servers' do.
            Socket tcp = new Socket(host, port);
            tcp.setTcpNoDelay(true);
            SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(tcp, host, port, true);
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            socket.setSSLParameters(parameters);
            socket.setSoTimeout(10_000);
            socket.startHandshake();
            return socket;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot trust " + certificate, e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}
