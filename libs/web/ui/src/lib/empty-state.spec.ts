import { TestBed } from '@angular/core/testing';
import { EmptyState } from './empty-state';

describe('EmptyState', () => {
  it('shows the heading and the hint', async () => {
    const fixture = TestBed.createComponent(EmptyState);
    fixture.componentRef.setInput('heading', 'No tasks yet');
    fixture.componentRef.setInput('hint', 'Type a title above and press Enter.');
    await fixture.whenStable();
    expect(fixture.nativeElement.textContent).toContain('No tasks yet');
    expect(fixture.nativeElement.textContent).toContain('press Enter');
  });
});
