package org.instancecap.core.llm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UrlsTest {

    @Test
    void user_and_password_are_taken_out() {
        assertThat(Urls.withoutCredentials("http://user:secret@host:8000/v1")).isEqualTo("http://host:8000/v1");
        assertThat(Urls.withoutCredentials("https://key@api.example/v1?x=1")).isEqualTo("https://api.example/v1?x=1");
        assertThat(Urls.withoutCredentials("http://us er:p@ss@host/v1")).isEqualTo("http://host/v1");
    }

    @Test
    void urls_without_credentials_stay_as_they_are() {
        assertThat(Urls.withoutCredentials("http://localhost:11434/v1")).isEqualTo("http://localhost:11434/v1");
        assertThat(Urls.withoutCredentials("http://host/v1/a@b")).isEqualTo("http://host/v1/a@b");
        assertThat(Urls.withoutCredentials(null)).isNull();
    }
}
