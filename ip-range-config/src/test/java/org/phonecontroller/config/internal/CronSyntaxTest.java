package org.phonecontroller.config.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CronSyntaxTest {

    @ParameterizedTest
    @ValueSource(strings = {"0 0 * * * ?", "0 0/5 * * * ?", "0 15 2 ? * MON-FRI", "0 0 12 1 JAN,JUL ?",
            "0 0 1 L * ?", "0 0 1 ? * 6#3", "0 0 1 15W * ?", "0 0 1 ? * 6L", "0 0 0 1 1 ? 2030", "*/10 * * * * ?",
            "0 0 8-18 ? * 2-6", "0 0 0 LW * ?"})
    void acceptsQuartzExpressions(String cron) {
        assertThat(CronSyntax.problem(cron)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            0 * * * *         | has 5 fields like a Unix crontab
            0 0 * * * ? 1 2   | has 8 fields
            0 0 * * * *       | exactly one of day-of-month (field 4) and day-of-week (field 6) must be '?'
            0 0 * ? * ?       | exactly one of day-of-month
            60 0 * * * ?      | field 1 (seconds) '60': 60 is outside 0-59
            0 0 24 * * ?      | field 3 (hours) '24': 24 is outside 0-23
            0 0 0 ? FOO *     | field 5 (month) 'FOO': expected a number from 1 to 12 or a name (JAN-DEC)
            0 0 0 ? * 8       | field 6 (day-of-week) '8': 8 is outside 1-7
            0 0/0 * * * ?     | field 2 (minutes) '0/0': the step after '/' must be a positive number
            0 0 ? * * ?       | field 3 (hours) '?'
            0 0 0 * * ? 1900  | field 7 (year) '1900': 1900 is outside 1970-2099
            0 0 0 1,,2 * ?    | an empty list item
            """)
    void explainsWhatIsWrong(String cron, String why) {
        assertThat(CronSyntax.problem(cron)).hasValueSatisfying(p -> assertThat(p).contains(why));
    }
}
