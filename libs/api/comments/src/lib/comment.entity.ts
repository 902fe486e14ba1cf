/** A comment as the repository reads it: its row and its author's username. */
export interface CommentRecord {
  id: string;
  taskId: string;
  authorId: string;
  authorUsername: string;
  body: string;
  createdAt: Date;
  updatedAt: Date;
}
