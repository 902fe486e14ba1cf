import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'taskflow:isPublic';

/** Every route needs a bearer token unless it says otherwise with this. */
export const Public = () => SetMetadata(IS_PUBLIC, true);
