/**
 * The fast path of discovery: {@link org.phonecontroller.protocols.sweep.Sweeper} runs a
 * {@link org.phonecontroller.protocols.sweep.SweepPlan} over {@link org.phonecontroller.protocols.sweep.AddressSpan}s
 * with one non-blocking UDP socket and reports {@link org.phonecontroller.protocols.sweep.SweepHit}s and
 * {@link org.phonecontroller.protocols.sweep.SweepStats}. Nothing is ever sent outside the spans.
 */
package org.phonecontroller.protocols.sweep;
