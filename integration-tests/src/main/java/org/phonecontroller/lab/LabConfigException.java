package org.phonecontroller.lab;

import java.util.List;

/** A lab.yaml that cannot be used; {@link #problems()} lists every problem found, each naming where it is. */
public final class LabConfigException extends Exception {
    private final List<String> problems;

    public LabConfigException(List<String> problems) {
        super(String.join(System.lineSeparator(), problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
