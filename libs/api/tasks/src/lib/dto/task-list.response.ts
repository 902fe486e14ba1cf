import { ApiProperty } from '@nestjs/swagger';
import type { TaskList } from '@taskflow/shared-contracts';
import { TaskResponse } from './task.response';

export class TaskListResponse implements TaskList {
  @ApiProperty({ type: [TaskResponse] }) items!: TaskResponse[];
  @ApiProperty({ description: 'How many tasks match the filters, across all pages.' }) total!: number;
  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page; null on the last page.' })
  nextCursor!: string | null;
}
