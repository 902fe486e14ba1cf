import { HttpErrorResponse, httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, input, linkedSignal, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { COMMENT_BODY_MAX_LENGTH, type Comment, type CommentList } from '@taskflow/shared-contracts';
import { CURRENT_USER_ID } from '@taskflow/web-auth';
import { ProjectScope } from '@taskflow/web-projects';
import { InitialsAvatar, describeHttpError, fieldErrorsOf, openConfirmDialog, relativeTime } from '@taskflow/web-ui';
import { CommentsApi } from './comments-api';
import { liveCommentEvents } from './task-dialog-live';

/**
 * A task's comments, oldest first so the newest is at the bottom, next to the box for a new one.
 * Bodies are plain text shown through interpolation (never innerHTML), so markup stays text.
 * Anyone in the project comments (viewers too); authors edit and delete theirs, owners delete any.
 */
const cursorParams = (cursor: string | null): Record<string, string> => (cursor ? { cursor } : {});

@Component({
  selector: 'tf-task-comments',
  imports: [MatButtonModule, MatFormFieldModule, MatInputModule, MatProgressBarModule, InitialsAvatar],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (page.isLoading() && !cursor()) {
      <mat-progress-bar mode="indeterminate" aria-label="Loading comments" />
    }
    @if (page.error()) {
      <p class="tf-comments-error" role="alert">Could not load the comments: {{ loadError() }}</p>
    } @else if (items().length === 0 && !page.isLoading()) {
      <p class="tf-comments-empty">No comments yet.</p>
    }
    <ol class="tf-comments" aria-label="Comments">
      @for (comment of items(); track comment.id) {
        <li class="tf-comment" [attr.data-comment-id]="comment.id">
          <tf-initials-avatar [name]="comment.author.username" [seed]="comment.author.id" />
          <article class="tf-comment-main" [attr.aria-label]="'Comment by ' + comment.author.username">
            <header>
              <strong>{{ comment.author.username }}</strong>
              <time [attr.datetime]="comment.createdAt" [title]="exact(comment.createdAt)">{{ ago(comment.createdAt) }}</time>
              @if (comment.updatedAt !== comment.createdAt) {
                <span class="tf-edited" [title]="'Edited ' + exact(comment.updatedAt)">(edited)</span>
              }
            </header>
            @if (editing() === comment.id) {
              <form class="tf-comment-edit" (submit)="$event.preventDefault(); saveEdit(comment, editInput.value)">
                <mat-form-field appearance="outline" subscriptSizing="dynamic">
                  <mat-label>Edit comment</mat-label>
                  <textarea
                    #editInput
                    matInput
                    rows="3"
                    [value]="comment.body"
                    [attr.maxlength]="bodyMax"
                    (keydown.control.enter)="saveEdit(comment, editInput.value)"
                    (keydown.meta.enter)="saveEdit(comment, editInput.value)"
                    (keydown.escape)="$event.stopPropagation(); editing.set(null)"
                  ></textarea>
                </mat-form-field>
                <div class="tf-comment-actions">
                  <button mat-button type="button" (click)="editing.set(null)">Cancel</button>
                  <button mat-flat-button type="submit" [disabled]="busy()">Save</button>
                </div>
              </form>
            } @else {
              <p class="tf-comment-body">{{ comment.body }}</p>
              @if (comment.author.id === me() || isOwner()) {
                <div class="tf-comment-actions">
                  @if (comment.author.id === me()) {
                    <button mat-button type="button" (click)="editing.set(comment.id)" [attr.aria-label]="'Edit your comment from ' + ago(comment.createdAt)">Edit</button>
                  }
                  <button mat-button type="button" class="tf-danger-text" (click)="remove(comment)" [attr.aria-label]="'Delete comment by ' + comment.author.username + ' from ' + ago(comment.createdAt)">Delete</button>
                </div>
              }
            }
          </article>
        </li>
      }
    </ol>
    @if (page.hasValue() && page.value().nextCursor) {
      <button mat-button type="button" class="tf-comments-more" (click)="loadMore()" [disabled]="page.isLoading()">
        {{ page.isLoading() ? 'Loading…' : 'Show newer comments' }}
      </button>
    }
    @if (message()) {
      <p class="tf-comments-error" role="alert">{{ message() }}</p>
    }
    <form class="tf-comment-new" (submit)="$event.preventDefault(); add()">
      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>Add a comment</mat-label>
        <textarea
          matInput
          name="comment"
          rows="2"
          [value]="draft()"
          (input)="draft.set($any($event.target).value)"
          [attr.maxlength]="bodyMax"
          (keydown.control.enter)="add()"
          (keydown.meta.enter)="add()"
          aria-describedby="tf-comment-hint"
        ></textarea>
        <mat-hint id="tf-comment-hint">Plain text. Ctrl+Enter sends.</mat-hint>
      </mat-form-field>
      <button mat-flat-button type="submit" [disabled]="busy() || !draft().trim()">Comment</button>
    </form>
  `,
  styles: `
    :host { display: block; padding: 8px 0; }
    .tf-comments { list-style: none; margin: 0; padding: 0; }
    .tf-comment { display: flex; gap: 10px; padding: 10px 0; border-bottom: 1px solid var(--mat-sys-outline-variant); }
    .tf-comment tf-initials-avatar { margin-top: 2px; }
    .tf-comment-main { flex: 1; min-width: 0; }
    header { display: flex; gap: 8px; align-items: baseline; flex-wrap: wrap; }
    time, .tf-edited, .tf-comments-empty { color: var(--mat-sys-on-surface-variant); font: var(--mat-sys-body-small); }
    .tf-comment-body { margin: 4px 0 0; white-space: pre-wrap; overflow-wrap: anywhere; }
    .tf-comment-actions { display: flex; gap: 4px; justify-content: flex-end; }
    .tf-comment-edit mat-form-field, .tf-comment-new mat-form-field { width: 100%; margin-top: 6px; }
    .tf-comment-new { display: flex; flex-direction: column; align-items: flex-end; gap: 8px; margin-top: 12px; }
    .tf-comments-error { color: var(--mat-sys-error); }
    .tf-danger-text { color: var(--mat-sys-error); }
  `,
})
export class TaskComments {
  readonly taskId = input.required<string>();
  readonly projectId = input.required<string>();

  private readonly api = inject(CommentsApi);
  private readonly dialog = inject(MatDialog);
  private readonly scope = inject(ProjectScope);
  protected readonly me = inject(CURRENT_USER_ID);
  protected readonly bodyMax = COMMENT_BODY_MAX_LENGTH;

  protected readonly cursor = linkedSignal<string, string | null>({ source: this.taskId, computation: () => null });
  protected readonly page = httpResource<CommentList>(() => ({
    url: `/api/tasks/${encodeURIComponent(this.taskId())}/comments`,
    params: cursorParams(this.cursor()),
  }));
  /** Every comment loaded so far, with this person's own writes applied. */
  protected readonly items = linkedSignal<{ list: CommentList | undefined; cursor: string | null }, Comment[]>({
    source: () => ({ list: this.page.hasValue() ? this.page.value() : undefined, cursor: this.cursor() }),
    computation: (source, previous) => {
      if (!source.list) return previous?.value ?? [];
      if (!source.cursor) return source.list.items;
      const seen = new Set((previous?.value ?? []).map((comment) => comment.id));
      return [...(previous?.value ?? []), ...source.list.items.filter((comment) => !seen.has(comment.id))];
    },
  });
  protected readonly loadError = computed(() => describeHttpError(this.page.error()));
  protected readonly isOwner = computed(() => this.scope.roleIn(this.projectId()) === 'owner');
  protected readonly draft = signal('');
  protected readonly editing = signal<string | null>(null);
  protected readonly busy = signal(false);
  protected readonly message = signal('');

  constructor() {
    liveCommentEvents(() => this.taskId())
      .pipe(takeUntilDestroyed())
      .subscribe((event) => this.applyLive(event.type, event.data.commentId, event.data.comment));
  }

  /**
   * Someone's comment changed (this person's own included, from another tab or their own write's
   * echo): the thread follows by id, so an echo of a write already shown changes nothing.
   */
  private applyLive(type: 'comment.created' | 'comment.updated' | 'comment.deleted', commentId: string, comment: Comment | undefined): void {
    if (type === 'comment.deleted') {
      this.items.update((items) => items.filter((item) => item.id !== commentId));
      return;
    }
    if (!comment) return;
    this.items.update((items) => {
      const index = items.findIndex((item) => item.id === commentId);
      if (index >= 0) return items.map((item, i) => (i === index ? comment : item));
      // A new comment sorts last; with newer pages not loaded yet it arrives with the last of them.
      const newerPagesPending = this.page.hasValue() && this.page.value().nextCursor !== null;
      return type === 'comment.created' && !newerPagesPending ? [...items, comment] : items;
    });
  }

  protected ago(at: string): string {
    return relativeTime(at, new Date());
  }

  protected exact(at: string): string {
    return new Date(at).toLocaleString();
  }

  protected loadMore(): void {
    const next = this.page.hasValue() ? this.page.value().nextCursor : null;
    if (next) this.cursor.set(next);
  }

  protected add(): void {
    const body = this.draft().trim();
    if (!body || this.busy()) return;
    this.busy.set(true);
    this.message.set('');
    this.api.add(this.taskId(), body).subscribe({
      next: (comment) => {
        this.busy.set(false);
        this.draft.set('');
        // With newer pages still unloaded, the new comment comes with the last of them instead.
        if (this.page.hasValue() && this.page.value().nextCursor) this.loadMore();
        else this.items.update((items) => [...items, comment]);
      },
      error: (error: unknown) => this.refused(error),
    });
  }

  protected saveEdit(comment: Comment, value: string): void {
    const body = value.trim();
    if (!body) {
      this.message.set('A comment cannot be empty. Delete it instead.');
      return;
    }
    if (body === comment.body) {
      this.editing.set(null);
      return;
    }
    this.busy.set(true);
    this.message.set('');
    this.api.edit(comment.id, body).subscribe({
      next: (saved) => {
        this.busy.set(false);
        this.editing.set(null);
        this.items.update((items) => items.map((item) => (item.id === saved.id ? saved : item)));
      },
      error: (error: unknown) => this.refused(error),
    });
  }

  protected remove(comment: Comment): void {
    openConfirmDialog(this.dialog, {
      title: 'Delete comment?',
      message: comment.author.id === this.me() ? 'Your comment will be deleted for everyone.' : `${comment.author.username}'s comment will be deleted for everyone.`,
      confirmLabel: 'Delete',
    }).subscribe((confirmed) => {
      if (!confirmed) return;
      this.busy.set(true);
      this.api.delete(comment.id).subscribe({
        next: () => {
          this.busy.set(false);
          this.items.update((items) => items.filter((item) => item.id !== comment.id));
        },
        error: (error: unknown) => this.refused(error),
      });
    });
  }

  private refused(error: unknown): void {
    this.busy.set(false);
    const field = fieldErrorsOf(error).find((item) => item.field === 'body');
    if (field) this.message.set(field.message);
    else if (error instanceof HttpErrorResponse && error.status === 403) this.message.set('Only its author can change a comment; its author or a project owner can delete it.');
    else if (error instanceof HttpErrorResponse && error.status === 404) this.message.set('This comment or its task no longer exists.');
    else this.message.set(describeHttpError(error));
  }
}
