import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The `tasks` table as TypeORM knows it. The schema itself comes from the migration; reads and
 * writes go through raw SQL in TasksRepository, so this entity documents the columns and their types.
 */
@Entity('tasks')
export class TaskEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Who created the task; null once their account is gone (the task stays in its project). */
  @Column({ name: 'owner_id', type: 'uuid', nullable: true })
  ownerId!: string | null;

  @Column({ name: 'project_id', type: 'uuid' })
  projectId!: string;

  /** A member of the project, or null. */
  @Column({ name: 'assignee_id', type: 'uuid', nullable: true })
  assigneeId!: string | null;

  /** Orders the tasks of a board column; unique order by (position, id). */
  @Column({ type: 'double precision' })
  position!: number;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Column({ type: 'text', default: '' })
  description!: string;

  @Column({ type: 'text', default: 'todo' })
  status!: string;

  /** The rank: 1 low, 2 medium, 3 high, 4 urgent. */
  @Column({ type: 'smallint', default: 2 })
  priority!: number;

  /** `YYYY-MM-DD`; read as text so no time zone can shift the day. */
  @Column({ name: 'due_date', type: 'date', nullable: true })
  dueDate!: string | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  tags!: string[];

  @Column({ name: 'completed_at', type: 'timestamptz', precision: 3, nullable: true })
  completedAt!: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt!: Date;

  @Column({ type: 'integer', default: 1 })
  version!: number;
}
