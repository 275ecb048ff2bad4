package org.instancecap.core.llm;

import java.net.URI;
import java.net.URISyntaxException;

/** URLs as they may be shown: never with the user name and password a URL can carry. */
public final class Urls {
    private Urls() {
    }

    /** {@code url} without its user information ({@code http://user:secret@host/v1} becomes {@code http://host/v1}). */
    public static String withoutCredentials(String url) {
        if (url == null) {
            return null;
        }
        try {
            URI uri = new URI(url);
            if (uri.getRawUserInfo() == null) {
                return url;
            }
            return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), uri.getQuery(), uri.getFragment()).toString();
        } catch (URISyntaxException e) {
            // not a URI we can take apart: cut everything between the scheme and the last '@' before the path
            int scheme = url.indexOf("://");
            int at = url.lastIndexOf('@', url.indexOf('/', scheme + 3) < 0 ? url.length() : url.indexOf('/', scheme + 3));
            return scheme >= 0 && at > scheme ? url.substring(0, scheme + 3) + url.substring(at + 1) : url;
        }
    }
}
