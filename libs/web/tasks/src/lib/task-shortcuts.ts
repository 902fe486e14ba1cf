import type { Shortcut } from '@taskflow/web-ui';

export const LIST_SHORTCUTS: Shortcut[] = [
  { keys: ['n'], description: 'New task (focus “Add a task”)' },
  { keys: ['/'], description: 'Search' },
  { keys: ['j', '↓'], description: 'Next task' },
  { keys: ['k', '↑'], description: 'Previous task' },
  { keys: ['o', 'Enter'], description: 'Open the task' },
  { keys: ['d'], description: 'Mark done (or not done)' },
  { keys: ['x'], description: 'Select for bulk actions' },
  { keys: ['#', 'Delete'], description: 'Delete' },
  { keys: ['Esc'], description: 'Clear the selection' },
  { keys: ['?'], description: 'Show these shortcuts' },
];

export const BOARD_SHORTCUTS: Shortcut[] = [
  { keys: ['↑', '↓'], description: 'Previous or next card in the column' },
  { keys: ['←', '→'], description: 'Card in the column to the left or right' },
  { keys: ['Shift + ←', 'Shift + →'], description: 'Move the card to the column to the left or right' },
  { keys: ['Shift + ↑', 'Shift + ↓'], description: 'Move the card up or down in its column' },
  { keys: ['Enter'], description: 'Open the card' },
  { keys: ['?'], description: 'Show these shortcuts' },
];
