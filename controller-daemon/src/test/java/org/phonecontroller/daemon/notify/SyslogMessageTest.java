package org.phonecontroller.daemon.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The formatter against the examples of RFC 5424, section 6.5. */
class SyslogMessageTest {
    static final String BOM = "\uFEFF";

    static String text(SyslogMessage m) {
        return new String(m.bytes(), StandardCharsets.UTF_8);
    }

    static Map<String, String> params(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    @Test
    void example1WithNoStructuredData() {
        SyslogMessage m = new SyslogMessage(4, 2, OffsetDateTime.parse("2003-10-11T22:14:15.003Z"),
                "mymachine.example.com", "su", "", "ID47", List.of(),
                Optional.of("'su root' failed for lonvick on /dev/pts/8"));
        assertThat(text(m)).isEqualTo("<34>1 2003-10-11T22:14:15.003Z mymachine.example.com su - ID47 - " + BOM
                + "'su root' failed for lonvick on /dev/pts/8");
    }

    @Test
    void example2WithMicrosecondsAndAnOffset() {
        SyslogMessage m = new SyslogMessage(20, 5, OffsetDateTime.parse("2003-08-24T05:14:15.000003-07:00"),
                "192.0.2.1", "myproc", "8710", "", List.of(), Optional.empty());
        // the RFC's example continues with a MSG without BOM; this formatter always marks UTF-8 with one
        assertThat(text(m)).isEqualTo("<165>1 2003-08-24T05:14:15.000003-07:00 192.0.2.1 myproc 8710 - -");
    }

    @Test
    void example3WithStructuredData() {
        SyslogMessage m = new SyslogMessage(20, 5, OffsetDateTime.parse("2003-10-11T22:14:15.003Z"),
                "mymachine.example.com", "evntslog", "", "ID47", List.of(new SyslogMessage.Element(
                "exampleSDID@32473", params("iut", "3", "eventSource", "Application", "eventID", "1011"))),
                Optional.of("An application event log entry..."));
        assertThat(text(m)).isEqualTo("<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 "
                + "[exampleSDID@32473 iut=\"3\" eventSource=\"Application\" eventID=\"1011\"] " + BOM
                + "An application event log entry...");
    }

    @Test
    void example4WithTwoElementsAndNoMessage() {
        SyslogMessage m = new SyslogMessage(20, 5, OffsetDateTime.parse("2003-10-11T22:14:15.003Z"),
                "mymachine.example.com", "evntslog", "", "ID47", List.of(
                new SyslogMessage.Element("exampleSDID@32473",
                        params("iut", "3", "eventSource", "Application", "eventID", "1011")),
                new SyslogMessage.Element("examplePriority@32473", params("class", "high"))), Optional.empty());
        assertThat(text(m)).isEqualTo("<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 "
                + "[exampleSDID@32473 iut=\"3\" eventSource=\"Application\" eventID=\"1011\"]"
                + "[examplePriority@32473 class=\"high\"]");
    }

    @Test
    void escapesParameterValuesAndKeepsHeaderFieldsPrintableAndBounded() {
        SyslogMessage m = new SyslogMessage(3, 3, null, "host name", "a".repeat(60), "", "K", List.of(
                new SyslogMessage.Element("x@32473", params("detail", "say \"hi\" \\ [ok]"))), Optional.of("é"));
        assertThat(text(m)).isEqualTo("<27>1 - host_name " + "a".repeat(48) + " - K [x@32473 detail=\"say \\\"hi\\\" "
                + "\\\\ [ok\\]\"] " + BOM + "é");
    }
}
