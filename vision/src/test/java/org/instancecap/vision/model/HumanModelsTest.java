package org.instancecap.vision.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.stream.Stream;
import org.instancecap.core.InstanceCapException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The model store against stand-in npm programs; the real package is fetched by the detector's tests. */
class HumanModelsTest {

    private static final String NO_NPM = "/nonexistent/instancecap-test/npm";

    private static String integrity(Path file) throws IOException, NoSuchAlgorithmException {
        MessageDigest sha = MessageDigest.getInstance("SHA-512");
        try (InputStream in = Files.newInputStream(file)) {
            sha.update(in.readAllBytes());
        }
        return "sha512-" + Base64.getEncoder().encodeToString(sha.digest());
    }

    /** A shell script standing in for npm, run in the staging folder. */
    private static String fakeNpm(Path dir, String body) throws IOException {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "needs a POSIX shell");
        Path script = dir.resolve("npm");
        Files.writeString(script, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script.toString();
    }

    private static Path packageTarball(Path dir) throws IOException {
        Path tgz = dir.resolve("fixture.tgz");
        new Tarballs()
                .file("package/README.md", "not wanted")
                .file("package/models/centernet.json", "{\"modelTopology\": {}}")
                .file("package/models/centernet.bin", "weights")
                .file("package/src/object/labels.ts", "export const labels = [];")
                .file("package/LICENSE", "MIT")
                .writeTo(tgz);
        return tgz;
    }

    @Test
    void fetch_checks_the_tarball_and_unpacks_only_the_model_files(@TempDir Path dir) throws Exception {
        Path tgz = packageTarball(dir);
        String npm = fakeNpm(dir, "[ \"$1 $2\" = \"pack @vladmandic/human@3.3.6\" ] || exit 3\ncp '" + tgz + "' vladmandic-human-3.3.6.tgz");
        HumanModels store = new HumanModels(dir.resolve("cache"), npm, integrity(tgz));

        assertThat(store.present()).isFalse();
        Path models = store.ensure();

        assertThat(models).isEqualTo(dir.resolve("cache/human-3.3.6"));
        assertThat(models.resolve("models/centernet.json")).hasContent("{\"modelTopology\": {}}");
        assertThat(models.resolve("models/centernet.bin")).hasContent("weights");
        assertThat(models.resolve("src/object/labels.ts")).exists();
        assertThat(models.resolve("LICENSE")).hasContent("MIT");
        assertThat(models.resolve("README.md")).doesNotExist();
        try (Stream<Path> left = Files.list(dir.resolve("cache"))) {
            assertThat(left).as("staging folders are removed").containsExactly(models);
        }
        assertThat(store.file(HumanModels.CENTERNET_BIN)).isEqualTo(models.resolve("models/centernet.bin"));
    }

    @Test
    void a_tarball_that_does_not_match_the_published_checksum_is_not_used(@TempDir Path dir) throws Exception {
        Path tgz = packageTarball(dir);
        String npm = fakeNpm(dir, "cp '" + tgz + "' vladmandic-human-3.3.6.tgz");
        HumanModels store = new HumanModels(dir.resolve("cache"), npm, HumanModels.INTEGRITY);

        assertThatThrownBy(store::ensure).isInstanceOf(InstanceCapException.class)
                .hasMessageContaining("does not match the published checksum");
        assertThat(store.present()).isFalse();
        assertThat(dir.resolve("cache/human-3.3.6")).doesNotExist();
    }

    @Test
    void missing_npm_says_in_one_line_how_to_get_the_model(@TempDir Path dir) {
        HumanModels store = new HumanModels(dir.resolve("cache"), NO_NPM, HumanModels.INTEGRITY);
        assertThatThrownBy(store::ensure).isInstanceOf(InstanceCapException.class)
                .hasMessageContaining("npm was not found")
                .hasMessageContaining("install Node.js")
                .hasMessageContaining("models/centernet.json and models/centernet.bin")
                .hasMessageContaining(dir.resolve("cache/human-3.3.6").toString())
                .hasMessageNotContaining("\n");
    }

    @Test
    void failing_npm_is_reported_with_its_last_line(@TempDir Path dir) throws IOException {
        String npm = fakeNpm(dir, "echo 'npm notice something' >&2\necho 'npm error code E404' >&2\nexit 1");
        HumanModels store = new HumanModels(dir.resolve("cache"), npm, HumanModels.INTEGRITY);
        assertThatThrownBy(store::ensure).isInstanceOf(InstanceCapException.class)
                .hasMessageContaining("npm pack @vladmandic/human@3.3.6 failed (exit 1: npm error code E404)")
                .hasMessageNotContaining("\n");
    }

    @Test
    void files_put_in_place_by_hand_are_used_without_npm(@TempDir Path dir) throws IOException {
        HumanModels store = new HumanModels(dir, NO_NPM, HumanModels.INTEGRITY);
        Files.createDirectories(store.dir().resolve("models"));
        Files.writeString(store.dir().resolve(HumanModels.CENTERNET_JSON), "{}");
        Files.writeString(store.dir().resolve(HumanModels.CENTERNET_BIN), "");
        assertThat(store.present()).isTrue();
        assertThat(store.ensure()).isEqualTo(dir.resolve("human-3.3.6"));
    }

    @Test
    void verify_accepts_the_matching_integrity_only(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("f");
        Files.writeString(file, "content");
        String published = integrity(file);
        HumanModels.verify(file, published);
        Files.writeString(file, "changed");
        assertThatThrownBy(() -> HumanModels.verify(file, published))
                .isInstanceOf(InstanceCapException.class).hasMessageContaining("expected " + published);
    }

    @Test
    void default_cache_is_under_the_home_folder_unless_the_environment_says_otherwise() {
        assumeTrue(System.getenv("INSTANCECAP_MODELS") == null, "INSTANCECAP_MODELS is set");
        assertThat(HumanModels.defaultCacheDir())
                .isEqualTo(Path.of(System.getProperty("user.home"), ".cache", "instancecap", "models"));
    }
}
