// Central's time as the kiosk learns it from signed replies. A Pi has no
// RTC: after a power cut without NTP its clock can be hours off, and every
// signed call would be refused as stale. The offset measured from each
// verified reply (central's time against the middle of the round trip) is
// added to the kiosk's clock for what it signs, and reported as skew.
export const SKEW_WARNING_SECONDS = 60;

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
    this.offset = Math.round(central.getTime() - middle);
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
