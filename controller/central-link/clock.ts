// Central's time as the kiosk learns it from signed replies. A Pi has no
// RTC: after a power cut without NTP its clock can be hours off, and every
// signed call would be refused as stale. The offset measured from each
// verified reply (central's time against the middle of the round trip) is
// added to the kiosk's clock for what it signs, and reported as skew.
export const SKEW_WARNING_SECONDS = 60;
const MEASUREMENT_SLACK_MS = 1000;

export class CentralClock {
  private offset = 0;
  private measured: Date | null = null;

  /** `local`: the kiosk's own clock, against which the offset is measured */
  constructor(readonly local: () => Date) {}

  /** The kiosk's best idea of central's time now. */
  now = (): Date => new Date(this.local().getTime() + this.offset);

  /** A verified reply said central's time was `central` while the call ran from `sentAt` to `receivedAt` (local). */
  observe(central: Date, sentAt: Date, receivedAt: Date): void {
    const middle = (sentAt.getTime() + receivedAt.getTime()) / 2;
    const offset = central.getTime() - middle;
    // Central answered somewhere within the round trip: an offset inside
    // that uncertainty (plus a second) is no evidence of a wrong clock, and
    // acting on it would only add the network's jitter to our timestamps.
    const uncertainty = Math.max(0, receivedAt.getTime() - sentAt.getTime()) / 2 + MEASUREMENT_SLACK_MS;
    this.offset = Math.abs(offset) <= uncertainty ? 0 : Math.round(offset);
    this.measured = receivedAt;
  }

  /** Central's clock minus the kiosk's, in seconds (positive: the kiosk is behind); null before the first signed reply. */
  get skewSeconds(): number | null {
    return this.measured ? Math.round(this.offset / 1000) : null;
  }

  get measuredAt(): Date | null {
    return this.measured;
  }

  get offsetMs(): number {
    return this.offset;
  }
}
