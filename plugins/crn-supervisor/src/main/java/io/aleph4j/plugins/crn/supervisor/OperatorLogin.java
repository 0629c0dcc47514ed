package io.aleph4j.plugins.crn.supervisor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * The operator's login, as the reference's: a random token made at each start, kept in {@code login_token} (mode
 * 0400) under the supervisor's directory and logged as the {@code /about/login?token=...} URL; the login sets it as
 * the {@code token} cookie that {@code /about/config} asks for.
 */
final class OperatorLogin {

    private final String token;

    private OperatorLogin(String token) {
        this.token = token;
    }

    static OperatorLogin create(Path directory) throws IOException {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Files.createDirectories(directory);
        Path file = directory.resolve("login_token");
        Files.deleteIfExists(file);
        Files.writeString(Files.createFile(file, PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("r--------"))), token);
        return new OperatorLogin(token);
    }

    String token() {
        return token;
    }

    /** Whether the presented token is this start's, compared in constant time. */
    boolean accepts(Optional<String> presented) {
        return presented.isPresent() && MessageDigest.isEqual(presented.get().getBytes(
                java.nio.charset.StandardCharsets.UTF_8), token.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
