import { TestBed } from '@angular/core/testing';
import { InitialsAvatar, initialsOf } from './initials-avatar';

describe('initialsOf', () => {
  it('takes the first letters of the first two parts of a name, or its first two letters', () => {
    expect(initialsOf('bob.smith')).toBe('BS');
    expect(initialsOf('ada_lovelace_byron')).toBe('AL');
    expect(initialsOf('alice')).toBe('AL');
    expect(initialsOf('x')).toBe('X');
  });
});

describe('InitialsAvatar', () => {
  it('is an image named by its label (or the name), showing the initials to the eye only', () => {
    const fixture = TestBed.createComponent(InitialsAvatar);
    fixture.componentRef.setInput('name', 'bob.smith');
    fixture.detectChanges();
    const host = fixture.nativeElement as HTMLElement;
    expect(host.getAttribute('role')).toBe('img');
    expect(host.getAttribute('aria-label')).toBe('bob.smith');
    expect(host.querySelector('[aria-hidden="true"]')?.textContent).toBe('BS');
    fixture.componentRef.setInput('label', 'Assigned to bob.smith');
    fixture.detectChanges();
    expect(host.getAttribute('aria-label')).toBe('Assigned to bob.smith');
    expect(host.className).toMatch(/^tf-tone-(primary|secondary|tertiary)$/);
  });
});
