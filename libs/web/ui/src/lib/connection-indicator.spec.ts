import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { ConnectionIndicator, ConnectionState } from './connection-indicator';

@Component({ imports: [ConnectionIndicator], template: `<tf-connection-indicator [state]="state()" />` })
class Host {
  readonly state = signal<ConnectionState>('live');
}

describe('ConnectionIndicator', () => {
  it('says the state in words in a status region, not by colour alone', async () => {
    const fixture = TestBed.createComponent(Host);
    await fixture.whenStable();
    const el = (fixture.nativeElement as HTMLElement).querySelector('tf-connection-indicator') as HTMLElement;
    expect(el.getAttribute('role')).toBe('status');
    expect(el.textContent?.trim()).toBe('Live');
    fixture.componentInstance.state.set('reconnecting');
    await fixture.whenStable();
    expect(el.textContent?.trim()).toBe('Reconnecting…');
    expect(el.classList).toContain('tf-conn-reconnecting');
    fixture.componentInstance.state.set('offline');
    await fixture.whenStable();
    expect(el.textContent?.trim()).toBe('Offline');
    expect(el.getAttribute('title')).toContain('No network');
  });
});
