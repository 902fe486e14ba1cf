import { TASK_PRIORITIES, TASK_TAG_MAX_LENGTH, TaskPriority } from '@taskflow/shared-contracts';
import { localToday } from './task-labels';
import { shiftDate } from './task-query';

export interface QuickAdd {
  title: string;
  tags: string[];
  priority?: TaskPriority;
  dueDate?: string;
}

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const TAG = new RegExp(`^#([\\p{L}\\p{N}_.-]{1,${TASK_TAG_MAX_LENGTH}})$`, 'u');

/** `today`, `tomorrow`, or a weekday (the next one after today), as `YYYY-MM-DD`. */
export function dueDateWord(word: string, today: string): string | undefined {
  const lower = word.toLowerCase();
  if (lower === 'today') return today;
  if (lower === 'tomorrow') return shiftDate(today, 1);
  const weekday = WEEKDAYS.indexOf(lower);
  if (weekday < 0) return undefined;
  const [y, m, d] = today.split('-').map(Number);
  const todayWeekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return shiftDate(today, ((weekday - todayWeekday + 6) % 7) + 1);
}

/**
 * Reads `Pay rent #home !high tomorrow` as the title "Pay rent", tag `home`, priority high and a
 * due date. Words that are not markers stay in the title; if nothing but markers was typed, the
 * whole text is the title (a task called "today" is still possible).
 */
export function parseQuickAdd(text: string, today: string = localToday()): QuickAdd {
  const words = text.trim().split(/\s+/).filter(Boolean);
  const title: string[] = [];
  const tags: string[] = [];
  let priority: TaskPriority | undefined;
  let dueDate: string | undefined;
  for (const word of words) {
    const tag = TAG.exec(word);
    const named = word.startsWith('!') ? word.slice(1).toLowerCase() : '';
    const date = dueDateWord(word, today);
    if (tag) {
      const name = tag[1].toLowerCase();
      if (!tags.includes(name)) tags.push(name);
    } else if (named && (TASK_PRIORITIES as readonly string[]).includes(named)) {
      priority = named as TaskPriority;
    } else if (date) {
      dueDate = date;
    } else {
      title.push(word);
    }
  }
  if (title.length === 0) {
    return { title: words.join(' '), tags: [] };
  }
  return { title: title.join(' '), tags, ...(priority ? { priority } : {}), ...(dueDate ? { dueDate } : {}) };
}
