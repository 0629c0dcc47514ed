package io.aleph4j.plugins.transport.libp2p;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;

/**
 * The node's libp2p identity: an RSA 2048 key in PKCS#8 DER, the format the reference's p2p-service reads (so its
 * peer ID is a {@code Qm...}). Made on first start and kept: the peer ID must not change across restarts, or the
 * network's allowlists (the {@code corechannel} aggregate names nodes by it) lose the node.
 */
final class IdentityKey {

    private IdentityKey() {
    }

    /** The key file, made now if it does not exist; a file that is not an RSA PKCS#8 key is refused. */
    static Path ensure(Path file) throws IOException {
        if (Files.exists(file)) {
            check(file);
            return file;
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        byte[] pkcs8;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            pkcs8 = generator.generateKeyPair().getPrivate().getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM cannot make RSA keys", e);
        }
        Path temporary = Files.createTempFile(file.toAbsolutePath().getParent(), "identity", ".tmp");
        try {
            trySetOwnerOnly(temporary);
            Files.write(temporary, pkcs8);
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
        return file;
    }

    private static void check(Path file) throws IOException {
        try {
            if (!(KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Files.readAllBytes(file)))
                    instanceof RSAPrivateCrtKey)) {
                throw new IOException(file + " is not an RSA private key");
            }
        } catch (GeneralSecurityException e) {
            throw new IOException(file + " is not an RSA private key in PKCS#8 DER: " + e.getMessage(), e);
        }
    }

    private static void trySetOwnerOnly(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: its default permissions apply.
        }
    }
}
