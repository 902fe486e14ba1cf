import { ApiProperty } from '@nestjs/swagger';
import { TASK_PRIORITIES, TASK_STATUSES, type Task, type TaskPriority, type TaskStatus } from '@taskflow/shared-contracts';

export class TaskResponse implements Task {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid', description: 'The project the task lives in.' }) projectId!: string;
  @ApiProperty() title!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ enum: TASK_STATUSES }) status!: TaskStatus;
  @ApiProperty({ enum: TASK_PRIORITIES }) priority!: TaskPriority;
  @ApiProperty({ type: String, format: 'date', nullable: true }) dueDate!: string | null;
  @ApiProperty({ type: [String] }) tags!: string[];
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'A member of the project, or null.' }) assigneeId!: string | null;
  @ApiProperty({ description: 'Orders the tasks of a board column (see sort=position).' }) position!: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Set when status becomes done, cleared when it leaves done.' })
  completedAt!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty({ description: 'Starts at 1, grows by one on every change; the ETag is W/"<version>".' }) version!: number;
}
